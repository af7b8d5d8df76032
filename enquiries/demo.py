"""Demo enquiries for seed_demo (the Contact Us issue fills this in)."""


def seed():
    return []
