"""The SuperSaaS emulator: domain rules, HTTP adapters and the presenter that names API fields."""
