"""The control catalog: the plan's 30 controls and the crosswalk to outside frameworks."""

from secplan.catalog._load import (
    CONTROL_IDS,
    FRAMEWORK_IDS,
    PILLARS,
    REQUIRED_FRAMEWORKS,
    Catalog,
    build_catalog,
    load_catalog,
)

__all__ = [
    "CONTROL_IDS",
    "FRAMEWORK_IDS",
    "PILLARS",
    "REQUIRED_FRAMEWORKS",
    "Catalog",
    "build_catalog",
    "load_catalog",
]
