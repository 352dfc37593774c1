"""One PASS/FAIL line per check, as scripts/count-results durability counts them, for the e2e scripts."""

failures = 0


def check(name, condition, detail=""):
    """Prints PASS or FAIL for `name` and counts the failures."""
    global failures
    if condition:
        print(f"PASS {name}", flush=True)
    else:
        failures += 1
        print(f"FAIL {name}: {detail}", flush=True)


def summary(name):
    """Prints the script's verdict and returns its exit code."""
    print(f"{name}: {'passed' if failures == 0 else 'failed'} ({failures} failed)")
    return 1 if failures else 0
