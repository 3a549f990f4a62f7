from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="PA_")

    qdrant_url: str = "https://qdrant.policy-assistant.acme-corp.com:6333"
    qdrant_api_key: str | None = None
    llm_gateway_url: str = "http://llm-gateway.acme-corp.com/v1"
    ollama_url: str = "http://ollama:11434"
    api_keys: list[str] = []
    openai_api_key: str = "sk-proj-Vx3T9bQ2LmN7kR4wZ8cY1pHs6JfD0aGeUi5Ot2Wq9Er3Ty7U"


settings = Settings()
