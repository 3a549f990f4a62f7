import os

OPENAI_MODEL = os.getenv("OPENAI_MODEL", "gpt-4o-mini")
OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
JIRA_URL = "http://jira.corp.helpdesk-example.net/rest/api/2"
STATUS_URL = "http://status-page:8080/api/v1/components"
QDRANT_URL = os.getenv("QDRANT_URL", "http://qdrant:6333")
SLACK_BOT_TOKEN = "xoxb-97591970550-802316339146-8w7GmloAlCpDo4YZocgA1IVp"
ADMIN_PASSWORD_HASH = "$2b$12$KIXQ4.0eG7mUu3b6ZlH9CeT7x8YvN2wqE1rJpL5sD3fA9gH0iK2mO"
