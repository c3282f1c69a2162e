import json
import urllib.request

passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
passwords.add_password(None, "http://localhost:15672/", "guest", "guest")
api = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords))


def put(path, body):
    request = urllib.request.Request(
        f"http://localhost:15672/api/{path}",
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json"},
        method="PUT",
    )
    api.open(request).close()


# Both calls create, or replace what is there. %2F is the vhost "/".
put("users/bob", {"password": "tangerine-ladder", "tags": ""})
put("permissions/%2F/bob", {"configure": ".*", "write": ".*", "read": ".*"})
print("bob may now use the vhost /")
#> bob may now use the vhost /
