"""NotifySmsBackend sends through the real GOV.UK Notify client, over HTTP, to a Notify-compatible
server on 127.0.0.1 that checks what the real service checks: the signed token and the payload."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured

from linkpad.core.sms import NotifySmsBackend, SmsError, TextMessage

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"linkpad_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    received: list[dict] = []
    refuse = False

    def do_POST(self):  # noqa: N802 - the http.server interface
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        token = self.headers["Authorization"].removeprefix("Bearer ")
        claims = jwt.decode(token, SECRET, algorithms=["HS256"])  # raises if not signed with the key
        assert claims["iss"] == SERVICE_ID and self.path == "/v2/notifications/sms"
        type(self).received.append(body)
        if type(self).refuse:
            status, answer = (
                400,
                {
                    "status_code": 400,
                    "errors": [
                        {
                            "error": "BadRequestError",
                            "message": "Can't send to this recipient using a team-only API key",
                        }
                    ],
                },
            )
        else:
            status, answer = (
                201,
                {"id": str(uuid.uuid4()), "content": {"body": body["personalisation"]["body"]}},
            )
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeNotify.received, FakeNotify.refuse = [], False
    settings.LINKPAD_NOTIFY_API_KEY = API_KEY
    settings.LINKPAD_NOTIFY_SMS_TEMPLATE_ID = TEMPLATE_ID
    settings.LINKPAD_NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield FakeNotify
    server.shutdown()
    server.server_close()


def test_each_message_goes_to_notify_signed_with_the_key_and_the_template(notify):
    sent = NotifySmsBackend().send_messages(
        [TextMessage(to="+447700900123", body="Your link plan: Springburn Men's Shed, Tuesday 10am.")]
    )
    assert sent == 1
    assert notify.received == [
        {
            "phone_number": "+447700900123",
            "template_id": TEMPLATE_ID,
            "personalisation": {"body": "Your link plan: Springburn Men's Shed, Tuesday 10am."},
        }
    ]


def test_a_refusal_is_explained_in_notifys_own_words(notify):
    notify.refuse = True
    with pytest.raises(SmsError, match="team-only API key"):
        NotifySmsBackend().send_messages([TextMessage(to="+447700900123", body="Hello")])


def test_an_unreachable_notify_is_a_plain_error(notify, settings):
    settings.LINKPAD_NOTIFY_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(SmsError, match="could not be reached"):
        NotifySmsBackend().send_messages([TextMessage(to="+447700900123", body="Hello")])


def test_missing_settings_say_which(settings):
    settings.LINKPAD_NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="LINKPAD_NOTIFY_API_KEY"):
        NotifySmsBackend()
