"""The load for one page of the page benchmark (bench/pages.py starts locust
with this file once per page). Each simulated user asks for BENCH_PATH again
and again without pause, with the session cookie BENCH_COOKIE when the page
needs someone signed in, and says it came through the TLS proxy as
production's requests do. Anything but a 200 counts as a failure.

Runs in the load generator's own virtualenv (var/bench-venv,
requirements-bench.txt), not the project's: it imports nothing of ours."""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
COOKIE = os.environ.get("BENCH_COOKIE", "")
HEADERS = {"X-Forwarded-Proto": "https"}
if COOKIE:
    HEADERS["Cookie"] = COOKIE


class PageVisitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self) -> None:
        with self.client.get(
            PATH, headers=HEADERS, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
