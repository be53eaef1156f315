"""The gateway scenario with openai-python: what a service does with its threads, through Spool.

Reads SPOOL_BASE_URL (Spool's /v1, or any Assistants-compatible server) and SPOOL_API_KEY, plus
SPOOL_SDK_RUN (a tag put in the thread's metadata) and SPOOL_SDK_SKIP (checks the server cannot
answer yet, comma-separated). Prints one JSON line per check; exits 1 if any check failed.
"""
import json
import os
import sys

import openai
from openai import OpenAI

RUN = os.environ.get("SPOOL_SDK_RUN", "manual")
SKIP = set(filter(None, os.environ.get("SPOOL_SDK_SKIP", "").split(",")))
failed = False


def report(check: str, ok: bool, detail: str, **extra) -> None:
    global failed
    failed = failed or not ok
    print(json.dumps({"check": check, "ok": ok, "detail": detail, **extra}), flush=True)


def skipped(check: str) -> bool:
    if check in SKIP:
        print(json.dumps({"check": check, "skipped": True}), flush=True)
    return check in SKIP


def main() -> None:
    # A service changes only the two lines inside OpenAI(...) to record its threads in Spool:
    client = OpenAI(
        base_url=os.environ["SPOOL_BASE_URL"],  # Spool's /v1, e.g. https://spool.example.com/v1
        api_key=os.environ["SPOOL_API_KEY"],  # a Spool key: npm run keys -- create
    )
    metadata = {"sdk": "python", "run": RUN}

    thread = client.beta.threads.create(
        messages=[
            {"role": "user", "content": "Hello from the Python SDK"},
            {"role": "user", "content": [{"type": "text", "text": "second"}]},
        ],
        metadata=metadata,
    )
    report("create", thread.id.startswith("thread_") and thread.metadata == metadata, f"{thread.id} {thread.metadata}", thread_id=thread.id)

    fetched = client.beta.threads.retrieve(thread.id)
    report("retrieve", fetched.id == thread.id and fetched.metadata == metadata, f"{fetched.id} {fetched.metadata}")

    updated_metadata = {**metadata, "stage": "updated"}
    updated = client.beta.threads.update(thread.id, metadata=updated_metadata)
    report("update_metadata", updated.metadata == updated_metadata, str(updated.metadata))

    if not skipped("list_messages"):
        page = client.beta.threads.messages.list(thread.id, order="asc")
        texts = [part.text.value for message in page.data for part in message.content if part.type == "text"]
        roles = [message.role for message in page.data]
        report("list_messages", texts == ["Hello from the Python SDK", "second"] and roles == ["user", "user"], f"{roles} {texts}")

    deleted = client.beta.threads.delete(thread.id)
    try:
        client.beta.threads.retrieve(thread.id)
        gone = "still retrievable"
    except openai.NotFoundError:
        gone = "404 afterwards"
    report("delete", deleted.deleted and deleted.id == thread.id and gone == "404 afterwards", f"deleted={deleted.deleted}, {gone}")

    if not skipped("wrong_key"):
        wrong = OpenAI(base_url=os.environ["SPOOL_BASE_URL"], api_key="spool-sdk-test-wrong-key", max_retries=0)
        try:
            made = wrong.beta.threads.create(metadata=metadata)
            report("wrong_key", False, f"created {made.id} with a wrong key")
        except openai.AuthenticationError as error:
            report("wrong_key", error.status_code == 401, f"AuthenticationError {error.status_code}")

    try:
        made = client.beta.threads.create(messages=[{"role": "system", "content": "not a thread role"}], metadata=metadata)
        report("invalid_body", False, f"created {made.id} with role 'system'")
    except openai.BadRequestError as error:
        named = f"{error.param or ''} {error.message}"
        report("invalid_body", error.status_code == 400 and "role" in named, f"BadRequestError param={error.param!r}: {error.message}")


if __name__ == "__main__":
    main()
    sys.exit(1 if failed else 0)
