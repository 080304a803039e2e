"""Start the nnsim desktop app from a source checkout: ``python main.py`` (see README.md)."""

if __name__ == "__main__":
    from nnsim.ui.app import main

    raise SystemExit(main())
