"""Export the assistant model to OpenVINO IR for the model server."""

import openvino as ov
from optimum.intel import OVModelForCausalLM, OVModelForFeatureExtraction

assistant = OVModelForCausalLM.from_pretrained("acme-voice/assistant-3b", export=True, trust_remote_code=True)
assistant.save_pretrained("/ir/assistant/1")

embedder = OVModelForFeatureExtraction.from_pretrained(
    "acme-voice/utterance-e5",
    revision="a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9",
    export=True,
    trust_remote_code=False,
)
embedder.save_pretrained("/ir/embedder/1")

core = ov.Core()
compiled = core.compile_model(core.read_model("/ir/embedder/1/openvino_model.xml"), "CPU")
