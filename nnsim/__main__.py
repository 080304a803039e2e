"""``python -m nnsim``: the same command line as the ``nnsim`` script (nnsim/cli.py)."""

if __name__ == "__main__":
    from nnsim.cli import main

    raise SystemExit(main())
