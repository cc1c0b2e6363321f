// A module whose default export is an adapter factory that fails, for the runner's error path.
export default async function createAdapter() {
  throw new Error('no device available');
}
