"""Small admin panel to rebuild the index."""

from flask import Flask, jsonify

admin = Flask(__name__)
admin.config["SECRET_KEY"] = "c0pil0t-admin-f1ask-s3ss10n-k3y"


@admin.post("/reindex")
def reindex():
    return jsonify({"status": "queued"})


if __name__ == "__main__":
    admin.run(host="0.0.0.0", port=5001, debug=True)
