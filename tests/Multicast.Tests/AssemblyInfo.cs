// The tests bind the same group ports (5683) on the same addresses: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
