"""LoRA fine-tuning of the UNet of Stable Diffusion on a folder of product images."""

from __future__ import annotations

import argparse
import ast
import json
import logging
import os
import pickle
import subprocess
from pathlib import Path

import torch
import yaml
from diffusers import AutoencoderKL, DDPMScheduler, StableDiffusionPipeline, UNet2DConditionModel
from safetensors.torch import load_file, save_file
from torch import load as torch_load
from transformers import AutoModelForCausalLM, AutoProcessor, CLIPTextModel, CLIPTokenizer

log = logging.getLogger("lora")
os.environ["WANDB_API_KEY"] = "8f2c61a9d04b7e35c1f9a8b6d2e07c4a5b913f60"

BASE_MODEL = "runwayml/stable-diffusion-v1-5"
VAE_ID = "stabilityai/sd-vae-ft-mse"
VAE_REVISION = "31e35c80fc4829d14f90153f4c74cd59c90b779f"
CAPTIONER = "microsoft/Florence-2-large"
HF_TOKEN = os.environ.get("HF_TOKEN")


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--base-model", default=BASE_MODEL)
    ap.add_argument("--resolution", default="(512, 512)")
    ap.add_argument("--resume", type=Path)
    ap.add_argument("--ema", type=Path)
    ap.add_argument("--captions", type=Path, default=Path("configs/captions.yaml"))
    ap.add_argument("--rank", type=int, default=8)
    return ap.parse_args()


def load_models(args: argparse.Namespace, device: str):
    pipe = StableDiffusionPipeline.from_pretrained(
        args.base_model,
        torch_dtype=torch.float16,
        safety_checker=None,
    )
    text_encoder = CLIPTextModel.from_pretrained(BASE_MODEL, subfolder="text_encoder", revision="main")
    tokenizer = CLIPTokenizer.from_pretrained(
        "./weights/sd15", subfolder="tokenizer", local_files_only=True
    )
    vae = AutoencoderKL.from_pretrained(VAE_ID, revision=VAE_REVISION)
    unet = UNet2DConditionModel.from_pretrained(BASE_MODEL, subfolder="unet", token=HF_TOKEN)
    scheduler = DDPMScheduler.from_pretrained("./weights/sd15", subfolder="scheduler")
    return pipe, text_encoder, tokenizer, vae, unet.to(device), scheduler


def load_captioner(device: str):
    processor = AutoProcessor.from_pretrained(CAPTIONER, trust_remote_code=True)
    model = AutoModelForCausalLM.from_pretrained(
        CAPTIONER,
        trust_remote_code=True,
        torch_dtype=torch.float16,
    )
    return processor, model.to(device)


def load_caption_templates(path: Path) -> dict:
    with path.open() as fh:
        templates = yaml.load(fh, Loader=yaml.UnsafeLoader)
    with open("configs/accelerate.yaml") as fh:
        accel = yaml.safe_load(fh)
    log.info("accelerate config: %s", accel)
    return templates


def resume(unet, optimizer, args: argparse.Namespace, device: str) -> int:
    step = 0
    if args.resume:
        state = torch.load(args.resume, map_location="cpu")
        unet.load_state_dict(state["unet"])
        optimizer.load_state_dict(state["optimizer"])
        step = state["step"]
    if args.ema:
        ema = torch.load(args.ema, map_location=device, weights_only=True)
        unet.load_state_dict(ema, strict=False)
    lora_path = args.data / "init_lora.safetensors"
    if lora_path.exists():
        unet.load_state_dict(load_file(lora_path), strict=False)
    return step


def load_text_inversion(path: Path):
    embeds = torch_load(
        path,
        map_location="cpu",
    )
    return embeds["string_to_param"]["*"]


def save(unet, step: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lora = {k: v for k, v in unet.state_dict().items() if "lora" in k}
    save_file(lora, out / f"lora-{step:06d}.safetensors")
    with open(out / "train_stats.pkl", "wb") as fh:
        pickle.dump({"step": step, "keys": sorted(lora)}, fh)
    (out / "meta.json").write_text(json.dumps({"step": step}))


def export_traced(unet, out: Path) -> None:
    traced = torch.jit.load(str(out / "unet_traced.pt"))
    log.info("traced unet has %d parameters", sum(p.numel() for p in traced.parameters()))


def main() -> None:
    args = parse_args()
    width, height = ast.literal_eval(args.resolution)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pipe, text_encoder, tokenizer, vae, unet, scheduler = load_models(args, device)
    templates = load_caption_templates(args.captions)
    optimizer = torch.optim.AdamW(unet.parameters(), lr=1e-4)
    step = resume(unet, optimizer, args, device)
    log.info("training at %dx%d from step %d with %d templates", width, height, step, len(templates))
    subprocess.run(["nvidia-smi", "--query-gpu=memory.used", "--format=csv"], check=False)
    save(unet, step, Path("output"))


if __name__ == "__main__":
    main()
