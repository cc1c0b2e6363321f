// A module adapter whose import fails, for the runner's error path.
throw new Error('this module cannot be imported');
