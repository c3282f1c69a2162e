import json
import urllib.request

# AMQP has no way to list queues: ask the management plugin's HTTP API.
passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
passwords.add_password(None, "http://localhost:15672/", "guest", "guest")
api = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords))

with api.open("http://localhost:15672/api/queues?columns=name,durable") as response:
    for queue in json.load(response):
        print(queue["name"], "durable" if queue["durable"] else "transient")
        #> tasks durable
