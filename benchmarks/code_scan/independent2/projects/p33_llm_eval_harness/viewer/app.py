"""Leaderboard viewer for the team."""

import json
import os
from pathlib import Path

from flask import Flask, render_template_string

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["VIEWER_SECRET_KEY"]

PAGE = "<table>{% for r in rows %}<tr><td>{{ r.model }}</td><td>{{ r.score }}</td></tr>{% endfor %}</table>"


@app.get("/")
def board():
    rows = json.loads(Path("results/leaderboard.json").read_text())
    return render_template_string(PAGE, rows=rows)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5050, debug=os.environ.get("FLASK_DEBUG") == "1")
