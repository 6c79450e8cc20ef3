"""Against a running `./modelport cluster`: a device token request replayed to another instance is refused, and a
revocation made through instance 1 is refused by the other instances; prints how long that took.

Usage: python3 deploy/cluster/propagation-probe.py REALM_URL ENTRY_URL INSTANCE_URL,INSTANCE_URL,...
Needs python3-cryptography (Debian package) for Ed25519."""
import base64, json, os, sys, time, datetime, urllib.request, urllib.parse
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

realm, lb, inst = sys.argv[1], sys.argv[2], sys.argv[3].split(",")

def call(method, url, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None: req.add_header("Content-Type", "application/json")
    if token: req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=10) as r: return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e: return e.code, None

form = urllib.parse.urlencode({"grant_type": "password", "client_id": "modelport-cli", "username": "oem", "password": "demo"}).encode()
oem = json.loads(urllib.request.urlopen(realm + "/protocol/openid-connect/token", form).read())["access_token"]
s, et = call("POST", lb + "/api/v1/enrollment-tokens", {"label": "probe-%d" % time.time(), "maxDevices": 1, "validDays": 1}, oem)
assert s == 201, s
key = Ed25519PrivateKey.generate()
pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
s, en = call("POST", lb + "/device/v1/enroll", {"enrollmentToken": et["secret"], "publicKey": base64.b64encode(pub).decode(), "profile": {"deviceClass": "sd8g3-16g", "region": "CN"}})
assert s == 200, s
dev = en["deviceId"]
ts = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
nonce = base64.urlsafe_b64encode(os.urandom(18)).decode().rstrip("=")
signed = json.dumps({"deviceId": dev, "nonce": nonce, "timestamp": ts}, separators=(",", ":"), sort_keys=True).encode()
req = {"deviceId": dev, "timestamp": ts, "nonce": nonce, "signature": base64.b64encode(key.sign(signed)).decode()}
s, tok = call("POST", inst[0] + "/device/v1/token", req)
assert s == 200, s
# the same signed request replayed to another instance must be refused (nonce is in PostgreSQL)
s2, _ = call("POST", inst[1] + "/device/v1/token", req)
print("replayed token request on instance 2:", s2)
token = tok["token"]
for u in inst: assert call("GET", u + "/device/v1/me", token=token)[0] == 200
t0 = time.monotonic()
s, _ = call("POST", inst[0] + "/api/v1/devices/" + dev + "/revoke", None, oem)
assert s == 200, s
committed = time.monotonic()
for u in inst[1:]:
    while call("GET", u + "/device/v1/me", token=token)[0] == 200:
        if time.monotonic() - committed > 30: sys.exit("not refused on " + u)
        time.sleep(0.02)
    print("refused on %s %.0f ms after the revoke answered" % (u, (time.monotonic() - committed) * 1000))
