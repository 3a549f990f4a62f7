"""Container and platform configuration: Dockerfiles, Kubernetes manifests, compose files,
ML servers' own configuration (Jupyter, MLflow, Ray, TorchServe, Triton, TensorBoard, vLLM),
and shell scripts and ``.env`` files through the same command-line rules."""

from secplan.scanners._base import Scanner
from secplan.scanners.platform_config.bicep import BicepScanner
from secplan.scanners.platform_config.compose import ComposeScanner
from secplan.scanners.platform_config.dockerfile import DockerfileChecks
from secplan.scanners.platform_config.endpoints import EndpointConfigScanner
from secplan.scanners.platform_config.helm import HelmValuesScanner
from secplan.scanners.platform_config.kubernetes import KubernetesProjectScanner, KubernetesScanner
from secplan.scanners.platform_config.launchers import LauncherScanner
from secplan.scanners.platform_config.mlservers import MLServerConfigScanner
from secplan.scanners.platform_config.pycontainers import PythonContainerScanner
from secplan.scanners.platform_config.rules import RULES
from secplan.scanners.platform_config.scripts import ShellScriptScanner
from secplan.scanners.platform_config.terraform import TerraformScanner
from secplan.scanners.platform_config.workflows import WorkflowScanner
from secplan.scanners.platform_config.yamlsafe import (
    YamlError,
    YamlLimitError,
    YamlLimits,
    load_all,
)

SCANNERS: tuple[Scanner, ...] = (
    DockerfileChecks(),
    KubernetesScanner(),
    KubernetesProjectScanner(),
    ComposeScanner(),
    HelmValuesScanner(),
    MLServerConfigScanner(),
    ShellScriptScanner(),
    EndpointConfigScanner(),
    WorkflowScanner(),
    TerraformScanner(),
    BicepScanner(),
    LauncherScanner(),
    PythonContainerScanner(),
)

__all__ = [
    "RULES",
    "SCANNERS",
    "BicepScanner",
    "ComposeScanner",
    "DockerfileChecks",
    "EndpointConfigScanner",
    "HelmValuesScanner",
    "KubernetesProjectScanner",
    "KubernetesScanner",
    "LauncherScanner",
    "MLServerConfigScanner",
    "PythonContainerScanner",
    "ShellScriptScanner",
    "TerraformScanner",
    "WorkflowScanner",
    "YamlError",
    "YamlLimitError",
    "YamlLimits",
    "load_all",
]
