// Integration tests start real processes; running fixtures in parallel on a 2-core CI machine makes timeouts flaky.
[assembly: NUnit.Framework.Parallelizable(NUnit.Framework.ParallelScope.None)]
