from assistant.tools import calculator

TEST_API_KEY = "test-key-not-secret"
DUMMY_PASSWORD = "changeme"
EXAMPLE_AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
EXAMPLE_AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def test_calculator():
    assert calculator("2 + 3") == "5"
