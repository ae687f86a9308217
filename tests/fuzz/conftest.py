"""Hypothesis settings for the fuzz tests: small and reproducible by default (CI), large under
``make fuzz`` (HYPOTHESIS_PROFILE=fuzz).

* ci (default): 25 examples per test, derandomized (the same examples every run, so a failure
  is never flaky), no example database written into the checkout;
* fuzz: 2,000 examples per test, random, with the example database (.hypothesis/) so that a
  failure found once is tried first next time.
"""

from __future__ import annotations

import os

try:
    import hypothesis
except ImportError:  # each test module skips with the reason
    hypothesis = None

if hypothesis is not None:
    hypothesis.settings.register_profile(
        "ci",
        max_examples=25,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=[hypothesis.HealthCheck.too_slow],
    )
    hypothesis.settings.register_profile(
        "fuzz",
        max_examples=2000,
        deadline=None,
        print_blob=True,
        suppress_health_check=[hypothesis.HealthCheck.too_slow],
    )
    hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
