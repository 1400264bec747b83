from zizhu.cli import main

if __name__ == "__main__":  # also when multiprocessing imports it again in a child
    raise SystemExit(main())
