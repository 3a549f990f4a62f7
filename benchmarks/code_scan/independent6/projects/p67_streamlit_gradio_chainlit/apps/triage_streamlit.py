import os
import pickle
import subprocess

import pandas as pd
import requests
import streamlit as st

st.title("Claims triage")
API = os.environ.get("TRIAGE_API", "https://triage-api.acme-ins.example.com")

uploaded = st.file_uploader("Upload a saved session (.pkl)")
if uploaded:
    session = pickle.load(uploaded)
    st.write(session)

csv = st.file_uploader("Claims CSV")
if csv:
    df = pd.read_csv(csv)
    rule = st.text_input("Filter (pandas query)", "amount > 1000")
    st.dataframe(df.query(rule))
    col = st.selectbox("Column", df.columns)
    st.bar_chart(df[col].value_counts())

claim = st.text_input("Claim id")
if st.button("Fetch documents"):
    subprocess.run(f"aws s3 sync s3://acme-claims/{claim}/ /tmp/{claim}/", shell=True)
    r = requests.get(f"{API}/claims/{claim}", headers={"X-Api-Key": st.secrets["triage_api_key"]}, timeout=10)
    st.json(r.json())
    legacy = requests.get(f"http://claims-legacy.acme-ins.example.com/v1/{claim}", timeout=10)
