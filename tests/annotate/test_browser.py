"""An annotator in a real browser (Debian's headless Chromium driven by Playwright; never `playwright install`):
log in, open a task, see the statement, speaker and choices, tick a stance and two concerns, submit; the pulled
rows hold exactly that. Markup in a statement shows as literal text and never runs."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotate.pull import pull, read_rows
from annotate.push import build_tasks, project_title, push
from lshelpers import make_statements

pytestmark = pytest.mark.labelstudio

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
HOSTILE = "Kami menolak WFH <script>window.__pwned = 1</script> dan <b>tegas</b> soal itu."


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI=true but {CHROMIUM} is missing (.ci/run installs Debian's chromium)")
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (apt-get install -y chromium)")
    return CHROMIUM


def test_annotator_labels_a_task_in_the_browser(labelstudio, annotators, study_factory, chromium, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    study = study_factory(share=0.0)
    stmt = make_statements("art-web", HOSTILE, [HOSTILE])[0] | {"speaker": "Rina Kartika", "role": "Ketua serikat"}
    admin = labelstudio.client()
    assert push(admin, study, build_tasks([stmt], None)).created == 1
    project = admin.find_project(project_title(study))
    (task_id, _), = admin.task_index(project.id).values()
    who = annotators[0]

    home = tmp_path / "browser-home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_CACHE_HOME": str(home / "cache")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=ARGS, env=env)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{labelstudio.url}/user/login/")
            page.fill("input[name=email]", who.email)
            page.fill("input[name=password]", who.password)
            page.locator("button[type=submit], input[type=submit]").first.click()
            page.wait_for_url(lambda url: "/user/login" not in url, timeout=60_000)

            page.goto(f"{labelstudio.url}/projects/{project.id}/data?task={task_id}")
            shown = page.locator("span.lsf-richtext__line")  # task data rendered by the labeling view
            statement = shown.filter(has_text=HOSTILE)
            expect(statement).to_have_count(1, timeout=60_000)
            expect(statement).to_be_visible()
            expect(shown.filter(has_text="Rina Kartika")).to_be_visible()
            expect(shown.filter(has_text="Ketua serikat")).to_be_visible()
            html = statement.inner_html()
            assert "&lt;script&gt;" in html and "&lt;b&gt;" in html  # literal text, escaped
            assert statement.locator("b, script").count() == 0  # never markup
            assert page.evaluate("() => window.__pwned") is None  # and the script never ran

            def choice(value: str):  # the clickable label; its text carries a hotkey hint, so match the input
                return page.locator("label.lsf-choice__checkbox").filter(has=page.locator(f"input[name='{value}']"))

            def tick(value: str):
                choice(value).click()
                expect(choice(value).locator("input")).to_be_checked()

            for value in study.stance_values + study.concern_values:
                expect(choice(value)).to_have_count(1)
                expect(choice(value)).to_be_visible()
            tick("menolak")
            tick("efisiensi")
            tick("kualitas_pelayanan")
            page.screenshot(path=str(tmp_path / "before-submit.png"))
            page.get_by_role("button", name="Submit").click()
            for _ in range(100):
                if admin.sdk.tasks.get(str(task_id)).total_annotations == 1:
                    break
                page.wait_for_timeout(200)
        finally:
            browser.close()

    out = tmp_path / "rows.jsonl"
    summary = pull(admin, study, out)
    assert summary.line() == "tasks=1 annotations=1 new=1 changed=0 lost=0"
    (row,) = read_rows(out)
    assert (row.statement_id, row.annotator, row.stance, sorted(row.concerns), row.was_cancelled) == (
        stmt["statement_id"], who.email, "menolak", ["efisiensi", "kualitas_pelayanan"], False)
    assert row.lead_time and row.lead_time > 0
