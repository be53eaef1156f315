"""Runs the code view's Python samples, one after another in this one interpreter.

Usage: python run_samples.py SAMPLES.json, where the file holds [{"name": ..., "code": ...}].
Each sample is compiled first (a syntax error is reported, not raised), then executed as its own
module with the environment's OPENAI_BASE_URL and OPENAI_API_KEY. One JSON line per sample:
{"name", "stdout", "error", "error_type", "param"}.
"""
import contextlib
import io
import json
import sys

import openai


def run(name: str, code: str) -> dict:
    result = {"name": name, "stdout": "", "error": None, "error_type": None, "param": None}
    try:
        program = compile(code, f"<sample {name}>", "exec")
    except SyntaxError as error:
        result.update(error=f"does not parse: {error}", error_type="SyntaxError")
        return result
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):
            exec(program, {"__name__": "__main__"})
    except openai.APIStatusError as error:
        result.update(error=str(error), error_type=type(error).__name__, param=getattr(error, "param", None))
    except Exception as error:  # noqa: BLE001 - every failure is reported, the next sample still runs
        result.update(error=repr(error), error_type=type(error).__name__)
    result["stdout"] = captured.getvalue()
    return result


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        samples = json.load(file)
    for sample in samples:
        print(json.dumps(run(sample["name"], sample["code"])), flush=True)


if __name__ == "__main__":
    main()
