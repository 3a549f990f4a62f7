"""Answering, with a calculator tool for numeric policy questions."""
import ast
import re

from langchain.agents import AgentType, initialize_agent
from langchain.chat_models import ChatOpenAI
from langchain_experimental.tools import PythonREPLTool

from app.settings import settings

llm = ChatOpenAI(base_url=settings.llm_gateway_url, api_key=settings.openai_api_key, model="gpt-4o-mini")
agent = initialize_agent([PythonREPLTool()], llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)

CODE_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def run_generated(answer: str) -> dict:
    scope: dict = {}
    for block in CODE_BLOCK.findall(answer):
        exec(block, scope)
    return scope


def parse_limits(text: str) -> dict:
    # the model is asked to answer with a Python dict literal of limits
    return ast.literal_eval(text)


def answer_with_tools(question: str, docs: list) -> dict:
    context = "\n\n".join(d.page_content for d in docs)
    reply = llm.invoke(f"Context:\n{context}\n\nQuestion: {question}").content
    if "```python" in reply:
        return {"answer": reply, "computed": run_generated(reply)}
    if question.lower().startswith("calculate"):
        return {"answer": agent.run(question)}
    return {"answer": reply}
