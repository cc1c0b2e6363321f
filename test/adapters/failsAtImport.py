# An --exec adapter whose import fails before it can greet, as a Python adapter on a machine
# without its framework: the kit's start-up error must show this traceback.
import json
import sys

import cnnspec_no_such_framework  # noqa: F401  raises ModuleNotFoundError

print(json.dumps({"type": "hello"}))
sys.stdout.flush()
