import json
import sys

# Each list in a definitions file: how many items, and their names.
with open(sys.argv[1]) as file:
    definitions = json.load(file)
for key, items in sorted(definitions.items()):
    if isinstance(items, list):
        names = sorted(item.get("name", item.get("user")) for item in items)
        print(f"{key}: {len(items)}", *names)
