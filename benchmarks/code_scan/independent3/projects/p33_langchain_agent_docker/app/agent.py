from langchain.agents import AgentExecutor, create_openai_tools_agent
from langchain.chains import LLMMathChain
from langchain_community.vectorstores import FAISS
from langchain_experimental.tools import PythonREPLTool
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

from app import config
from app.tools import diagnostics

llm = ChatOpenAI(model=config.OPENAI_MODEL, api_key=config.OPENAI_API_KEY)

TOOLS = [
    diagnostics.ping_host,
    diagnostics.dns_lookup,
    diagnostics.disk_usage,
    diagnostics.ticket,
    diagnostics.service_status,
    diagnostics.calc,
    PythonREPLTool(),
]


def knowledge_base(path: str = "/data/kb_index"):
    return FAISS.load_local(path, OpenAIEmbeddings(), allow_dangerous_deserialization=True)


def build() -> AgentExecutor:
    prompt = ChatPromptTemplate.from_messages(
        [("system", "You are the IT helpdesk assistant."), ("human", "{input}"), ("placeholder", "{agent_scratchpad}")]
    )
    agent = create_openai_tools_agent(llm, TOOLS, prompt)
    return AgentExecutor(agent=agent, tools=TOOLS, max_iterations=8)


def math_chain():
    return LLMMathChain.from_llm(llm)
