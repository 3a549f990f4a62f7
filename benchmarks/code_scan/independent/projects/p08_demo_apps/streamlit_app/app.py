import pickle

import requests
import streamlit as st

st.title("Model explorer")
uploaded = st.file_uploader("Upload a model (.pkl)")
if uploaded is not None:
    model = pickle.loads(uploaded.getvalue())
    st.write(type(model).__name__)

url = st.text_input("Score URL", "http://scoring.example-corp.com/api/score")
if st.button("Score"):
    st.json(requests.post(url, json={"x": [1, 2, 3]}, verify=False, timeout=10).json())

expr = st.text_input("Feature expression", "x * 2")
st.write(eval(expr, {"x": 21}))
