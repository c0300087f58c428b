base_probability = 0.1
planned_claims = no
foreign.bottleneck=0.3 # c
