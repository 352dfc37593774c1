# Shortcuts for the scripts in scripts/ (they hold the real steps).
.PHONY: build run install archive test test-sqlite test-postgres test-browser test-durability

build:
	swift build --build-tests --explicit-target-dependency-import-check error

run:
	scripts/run

# Release build into $(PREFIX) (default /usr/local): lib/hoso/ and bin/hoso (docs/DEPLOY.md).
install:
	flock -o /tmp/swift-build.lock swift build -c release --product hoso
	PREFIX=$(or $(PREFIX),/usr/local) scripts/install

# The same tree as a .tar.gz in the checkout.
archive:
	flock -o /tmp/swift-build.lock swift build -c release --product hoso
	PREFIX=$$(mktemp -d) scripts/install --archive

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
