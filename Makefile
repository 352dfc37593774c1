# Shortcuts for the scripts in scripts/ (they hold the real steps).
.PHONY: build run test test-sqlite test-postgres test-browser test-durability

build:
	swift build --build-tests --explicit-target-dependency-import-check error

run:
	scripts/run

test:
	scripts/test

test-sqlite:
	HOSO_TEST_ONLY=sqlite scripts/test

test-postgres:
	HOSO_TEST_ONLY=postgres scripts/test

test-browser:
	HOSO_TEST_ONLY=browser scripts/test

test-durability:
	HOSO_TEST_ONLY=durability scripts/test
