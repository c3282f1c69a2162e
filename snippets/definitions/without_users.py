import json

# A copy of the backup without its users (nor their password hashes).
with open("definitions.json") as file:
    definitions = json.load(file)
users = definitions.pop("users", [])
with open("definitions-without-users.json", "w") as file:
    json.dump(definitions, file)
print(f"Left out {len(users)} users")
#> Left out 2 users
