"""E-mail backends for tests (``settings.EMAIL_BACKEND = "tests.helpers.mail.FailingEmailBackend"``)."""


class FailingEmailBackend:
    """An e-mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")
