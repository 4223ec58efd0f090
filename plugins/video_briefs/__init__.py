"""Monthly video news briefs (điểm tin video), made with the local radio and TV station."""
