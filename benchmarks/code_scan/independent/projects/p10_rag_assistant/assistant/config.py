"""Keys for the hosted models. Real values are injected by the deployment."""

import os

ANTHROPIC_API_KEY = "sk-ant-api03-Zk8Xw2Qp5Lm9Nv3Bc6Df1Gh4Jk7Lm0Np3Qr6St9Uv2Wx5Yz8Ab1Cd4Ef7Gh0Ij3Kl6Mn9Op2Qr5St8Uv1Wx4Yz7AbCdEfGh-AbCdEfAA"
REPLICATE_API_TOKEN = "r8_Fq2Xw9Lm4Nv7Bc1Df6Gh3Jk8Lm5Np0Qr2St7Uv"
GROQ_API_KEY = os.environ.get("GROQ_API_KEY", "")
COHERE_API_KEY = "<cohere-key>"
LANGSMITH_API_KEY = "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"
PINECONE_INDEX = "support-docs"
OPENAI_MODEL = "gpt-4o-mini"
TOKENIZER_NAME = "cl100k_base"
SECRET_NAME = "prod/assistant/openai"
PASSWORD_MIN_LENGTH = 12
