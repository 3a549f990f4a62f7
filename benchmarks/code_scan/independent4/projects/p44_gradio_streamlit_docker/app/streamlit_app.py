"""Analyst assistant: upload a table, ask a question, get a chart."""

import keras
import openai
import pandas as pd
import streamlit as st

openai.api_key = "sk-proj-T3kR9vLm2Xq7Wn4Bd8Hf1Jc6Gy5Ts0Ua3Eo9Ik2Pm7Xr4Wq6Nz1Lb5Dv8Hc3Fj0G"
client = openai.OpenAI(api_key=st.secrets["OPENAI_API_KEY"])
ranker = keras.models.load_model("models/ranker.keras", safe_mode=False)
ranker_safe = keras.models.load_model("models/ranker_v2.keras", safe_mode=True)

uploaded = st.file_uploader("Upload a table (.pkl or .csv)")
if uploaded is not None:
    if uploaded.name.endswith(".pkl"):
        df = pd.read_pickle(uploaded)
    else:
        df = pd.read_csv(uploaded)
    question = st.text_input("Question")
    if question:
        reply = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"Write pandas code for: {question}. Columns: {list(df.columns)}"}],
        )
        code = reply.choices[0].message.content
        scope = {"df": df, "st": st}
        exec(code, scope)
        st.dataframe(df.describe())
