"""`sgam-onto diff`: two versions of the landscape compared resource by resource."""
