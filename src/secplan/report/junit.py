"""JUnit XML: one test case per control, grouped by pillar.

``pass`` passes; ``fail``, ``partial`` and ``needs-evidence`` are failures (typed by status, so
a CI dashboard can tell them apart); ``waived`` and ``not-applicable`` are skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from secplan.engine import Assessment
from secplan.model import Status

FAILING = {Status.FAIL, Status.PARTIAL, Status.NEEDS_EVIDENCE}
SKIPPED = {Status.WAIVED, Status.NOT_APPLICABLE}


def render_junit(a: Assessment) -> str:
    suites = ET.Element("testsuites", name="secplan", tests=str(len(a.posture.controls)))
    failures_total = 0
    by_pillar = a.posture.by_pillar()
    for pillar in a.catalog.pillars:
        group = by_pillar.get(pillar.id, ())
        failures = sum(1 for c in group if c.status in FAILING)
        skipped = sum(1 for c in group if c.status in SKIPPED)
        failures_total += failures
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=pillar.title,
            tests=str(len(group)),
            failures=str(failures),
            errors="0",
            skipped=str(skipped),
            timestamp=a.report.run.started.strftime("%Y-%m-%dT%H:%M:%S"),
        )
        for c in group:
            case = ET.SubElement(
                suite, "testcase", classname=f"secplan.{pillar.id}", name=f"{c.control} {c.title}"
            )
            text = "\n".join(c.reasons)
            if c.status in FAILING:
                el = ET.SubElement(
                    case,
                    "failure",
                    type=c.status.value,
                    message=c.reasons[0] if c.reasons else c.status.value,
                )
                el.text = text
            elif c.status in SKIPPED:
                ET.SubElement(
                    case,
                    "skipped",
                    message=f"{c.status.value}: " + (c.reasons[0] if c.reasons else ""),
                )
            out = ET.SubElement(case, "system-out")
            out.text = f"status: {c.status.value}\n{text}"
    suites.set("failures", str(failures_total))
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
