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
