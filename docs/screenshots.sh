#!/usr/bin/env bash
# Refreshes the screenshots in docs/screenshots (widget and console, desktop and phone; the widget in Arabic and in Finnish) from the running
# product: builds, then runs the screenshot test with SCREENSHOTS_DIR pointing here. Needs what ./test.sh
# installs (Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Bot.sln -nologo -v quiet -clp:ErrorsOnly
SCREENSHOTS_DIR="$(pwd)/docs/screenshots" dotnet test --project tests/Browser.Tests --no-build -- --filter-class Browser.Tests.ScreenshotTests
ls -l docs/screenshots
