import os

import streamlit as st

from app.agent import build_agent

st.set_page_config(page_title="docs-copilot")
if "OPENAI_API_KEY" not in os.environ:
    os.environ["OPENAI_API_KEY"] = st.secrets["openai_api_key"]

question = st.text_input("Ask the knowledge base")
if question:
    st.write(build_agent(st.session_state.get("prompt")).invoke({"input": question}))
