def seed_mediation_and_arbitration(users):
    pass
