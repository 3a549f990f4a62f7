from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "microsoft/phi-2"
tok = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, trust_remote_code=True)


def answer(message, history=None):
    ids = tok(message, return_tensors="pt").input_ids
    out = model.generate(ids, max_new_tokens=128)
    return tok.decode(out[0], skip_special_tokens=True)
