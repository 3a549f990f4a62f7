"""Adversarial training of a PyTorch module inside the test process (``secplan model harden``).

The module comes from the team's loader file. It is wrapped in ART's ``PyTorchClassifier``
(cross-entropy loss, Adam) and trained with ART's ``AdversarialTrainer``: in every batch, half
the rows are replaced by rows that ART's projected gradient descent (PGD, L-infinity,
``epsilon`` standard deviations of each feature, categorical columns held) finds against the
model being trained, each kept with its true label (Madry et al.). Two copies of the module
start from the same fresh weights (each submodule's ``reset_parameters``; buffers such as a
normalisation layer's statistics are kept): one trained on the clean rows only (*retrained*),
one adversarially (*hardened*), for the same epochs, so that the trade-off is the adversarial
rows' alone. Only the hardened module's ``state_dict`` is saved (``torch.save``), which the
loader reads with ``torch.load(..., weights_only=True)``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np

from secplan.assurance import _load
from secplan.assurance._load import Array, Table
from secplan.assurance.checks import Metrics, Space
from secplan.errors import TargetError

#: What a hardened PyTorch module's weights are saved as.
SAVED = (".pt", ".pth")
ATTACK = "PGD adversarial training (ART AdversarialTrainer, L-inf)"


def _fresh(module: Any, seed: int) -> Any:
    """A copy of ``module`` with its parameters drawn afresh (seeded)."""
    import torch

    torch.manual_seed(seed)
    out = copy.deepcopy(module)
    for sub in out.modules():
        reset = getattr(sub, "reset_parameters", None)
        if callable(reset):
            reset()
    return out


def _classifier(module: Any, t: Table, classes: list[str], lr: float) -> Any:
    import torch
    from art.estimators.classification import PyTorchClassifier

    lo, hi = t.x.min(axis=0).astype(np.float32), t.x.max(axis=0).astype(np.float32)
    return PyTorchClassifier(
        model=module,
        loss=torch.nn.CrossEntropyLoss(),
        optimizer=torch.optim.Adam(module.parameters(), lr=lr),
        input_shape=(t.x.shape[1],),
        nb_classes=len(classes),
        clip_values=(lo, hi),
        device_type="cpu",
    )


def _onehot(t: Table, classes: list[str]) -> Array:
    index = {c: i for i, c in enumerate(classes)}
    out = np.zeros((len(t.y), len(classes)), dtype=np.float32)
    out[np.arange(len(t.y)), [index[c] for c in t.y]] = 1.0
    return out


def _pgd(clf: Any, space: Space, eps: float) -> Any:
    """ART's PGD at ``eps`` standard deviations of each feature; categorical columns get a
    budget of zero, so the attack never changes them."""
    from art.attacks.evasion import ProjectedGradientDescent

    budget = (eps * space.std * ~space.fixed).astype(np.float32)
    step = np.maximum(budget / 4, np.float32(1e-12)).astype(np.float32)
    return ProjectedGradientDescent(
        clf,
        norm=np.inf,
        eps=budget,
        eps_step=step,
        max_iter=10,
        targeted=False,
        num_random_init=0,
        verbose=False,
    )


def harden(
    module: Any,
    train: Table,
    p: Metrics,
    h: Metrics,
    classes: list[str],
) -> tuple[Any, Any, int]:
    """The retrained and the hardened copy of ``module`` (trained on ``train`` for
    ``h["epochs"]`` epochs), and how many adversarial rows the hardened one was trained on."""
    from art.defences.trainer import AdversarialTrainer

    if h["attack"] not in ("auto", "pgd"):
        raise TargetError(
            f"{h['model_shown']}: a PyTorch module is hardened with projected gradient "
            "descent (its gradients are known)",
            "use --attack auto or --attack pgd",
        )
    x, y = train.x.astype(np.float32), _onehot(train, classes)
    seed, epochs, batch = p["seed"], h["epochs"], h["batch_size"]
    space = Space.of(train, p["categorical"])

    retrained = _fresh(module, seed)
    np.random.seed(seed)
    _classifier(retrained, train, classes, h["learning_rate"]).fit(
        x, y, batch_size=batch, nb_epochs=epochs, verbose=False
    )
    hardened = _fresh(module, seed)
    clf = _classifier(hardened, train, classes, h["learning_rate"])
    np.random.seed(seed)
    AdversarialTrainer(clf, _pgd(clf, space, h["epsilon"]), ratio=0.5).fit(
        x, y, batch_size=batch, nb_epochs=epochs
    )
    per_epoch = sum(-(-min(batch, len(x) - i) // 2) for i in range(0, len(x), batch))
    return retrained.eval(), hardened.eval(), per_epoch * epochs


def run(
    module: Any,
    loader_classes: list[str],
    train: Table,
    evaluation: Table,
    req: dict[str, Any],
    measure: Callable[[_load.Model, Table, Metrics, list[str]], Metrics],
) -> dict[str, Any]:
    """Harden ``module``; its weights are saved to ``req["out"]``."""
    import torch

    p, h = req["policy"], req["harden"] | {"model_shown": req["model_shown"]}
    if req.get("saved_as") not in SAVED:
        raise TargetError(
            f"{req['model_shown']}: a hardened PyTorch module is saved as its weights",
            "name the output file.pt (a state dict, for torch.load(..., weights_only=True))",
        )
    original = _load.from_torch(module, loader_classes)
    original.predict(train.x[:1])  # names the classes
    classes = original.classes
    missing = sorted(set(train.y.tolist()) - set(classes))
    if missing:
        raise TargetError(
            f"{req['train_shown']}: the module's outputs are the classes "
            f"{', '.join(classes)}, not {', '.join(missing)} of the target {p['target']!r}",
            "name the classes of its outputs with a classes list in the loader file",
        )
    retrained, hardened, adversarial = harden(module, train, p, h, classes)
    torch.save(hardened.state_dict(), req["out"])
    return {
        "attack": ATTACK,
        "epsilon": h["epsilon"],
        "training_rows": len(train.y),
        "epochs": h["epochs"],
        "adversarial_rows": adversarial,
        "evaluation_rows": len(evaluation.y),
        "original": measure(original, evaluation, p, classes),
        "retrained": measure(_load.from_torch(retrained, classes), evaluation, p, classes),
        "hardened": measure(_load.from_torch(hardened, classes), evaluation, p, classes),
    }
