"""Model assurance: robustness, privacy-leakage, explainability and fairness tests of the
team's own model, whose signed results become evidence for MS3, MS4 and SC2.

The library API comes first (:func:`secplan.assurance.run.test_model`), the CLI
(``secplan model test``) second. Heavy libraries (scikit-learn, ART, fairlearn) load only in
the child process that runs the tests.
"""
