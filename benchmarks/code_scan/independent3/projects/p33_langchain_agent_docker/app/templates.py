from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

ENV = Environment(loader=FileSystemLoader("app/prompts"), autoescape=select_autoescape())


def render_reply(user_template: str, **ctx) -> str:
    # users can customise the reply footer from the admin page
    return Template(user_template).render(**ctx)


def render_reply_safe(user_template: str, **ctx) -> str:
    return SandboxedEnvironment().from_string(user_template).render(**ctx)


def render_file(name: str, **ctx) -> str:
    return ENV.get_template(name).render(**ctx)
