"""The Vietnam Fatherland Front and the mass organisations: a section per body, with
leadership, news, documents and contacts; each body's news gathered network-wide."""
