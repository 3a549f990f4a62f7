"""Loaders for the vision-language service."""

from functools import partial

import open_clip
import timm
import torch
from diffusers import DiffusionPipeline
from transformers import AutoModel, AutoProcessor, Blip2ForConditionalGeneration

VLM_REPO = "OpenGVLab/InternVL2-8B"
VLM_REVISION = "3b2c8e1f7d5a9c0b4e6f8a2d1c3b5e7f9a0c2d4e"

from_hub = partial(AutoModel.from_pretrained, trust_remote_code=True)


def vlm():
    return from_hub(VLM_REPO, revision=VLM_REVISION)


def processor():
    return AutoProcessor.from_pretrained(VLM_REPO, revision=VLM_REVISION, trust_remote_code=False)


def captioner():
    return Blip2ForConditionalGeneration.from_pretrained("Salesforce/blip2-opt-2.7b")


def diffusion():
    return DiffusionPipeline.from_pretrained(
        "stabilityai/stable-diffusion-xl-base-1.0",
        custom_pipeline="lpw_stable_diffusion_xl",
        trust_remote_code=True,
    )


def diffusion_pinned():
    return DiffusionPipeline.from_pretrained(
        "stabilityai/stable-diffusion-xl-base-1.0",
        revision="462165984030d82259a11f4367a4eed129e94a7b",
        use_safetensors=True,
    )


def clip():
    model, _, preprocess = open_clip.create_model_and_transforms("ViT-B-32", pretrained="laion2b_s34b_b79k")
    return model, preprocess


def backbone():
    return timm.create_model("hf-hub:timm/convnext_base.fb_in22k", pretrained=True)


def local_weights(path: str):
    return AutoModel.from_pretrained(path, local_files_only=True)


def legacy_clip(path: str):
    return torch.jit.load(path, map_location="cpu")
